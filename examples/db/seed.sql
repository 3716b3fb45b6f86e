INSERT INTO payments (amount_cents, currency) VALUES (1200, 'EUR');
