"""creatio: check community ledgers (社区台账) against creation-campaign standards."""

__version__ = "0.1.0"
