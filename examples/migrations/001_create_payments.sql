CREATE TABLE payments (
  id BIGSERIAL PRIMARY KEY,
  amount_cents BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
