"""Reading ledgers: files → sheets → header band → typed, traceable columns."""
