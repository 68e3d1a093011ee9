"""The sample generator, one module per output (city, office, xiangzhou, weekly, followup) on top of
common.py (design constants and schedule arithmetic), community.py (one ledger row) and workbook.py
(writing helpers). Run it through ``samples/generate.py``; it never imports ``creatio_cli``."""
