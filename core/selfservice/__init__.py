"""Self-service (自助办理) logic behind the kiosk's screens, Qt-free: identify by e-licence, submit an
application and let the 秒批 rules decide, record the evaluation."""
