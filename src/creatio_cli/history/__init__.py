"""The history of scored runs (issue 13): ``score … --record`` writes a run, ``creatio history`` reads trends.

One SQLite file (``creatio-history.sqlite`` by default) that an office keeps and copies: ``schema.py`` (its
tables and versions), ``store.py`` (opening it: refused, created or migrated), ``record.py`` (writing one
run, replacing an earlier one with the same key) and ``read.py`` (runs and trends for ``creatio history``).
The file policy — what is refused, backups before migrations — is shared with the notice register
(``creatio_cli/dbfile.py``).
"""
