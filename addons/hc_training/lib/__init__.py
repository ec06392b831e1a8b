"""Plain-Python units of hc_training: no ORM, no database. The models feed them prebuilt
values and apply their answers; tests exercise them directly."""
