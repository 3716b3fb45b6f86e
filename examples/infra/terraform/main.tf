resource "aws_db_instance" "payments" {
  engine         = "postgres"
  instance_class = "db.t4g.medium"
}
