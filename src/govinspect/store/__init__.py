"""The store: SQLAlchemy schema and the only code that talks to the database."""
