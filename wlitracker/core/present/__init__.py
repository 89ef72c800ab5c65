"""Screen states: what each screen shows, built from the services by pure functions."""
