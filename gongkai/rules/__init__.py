"""Business rules as plain Python: no Django import anywhere in this package.

Each module holds one rule of the field (working days, organisation names, ...), so it can be
tested and reused without a database. Django apps wrap them with data from the database.
"""
