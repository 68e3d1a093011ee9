"""Standards: YAML files validated into pydantic models."""

from creatio_cli.standards.loader import DEFAULT_STANDARD, load_standard, shipped_ids
from creatio_cli.standards.model import Standard

__all__ = ["DEFAULT_STANDARD", "Standard", "load_standard", "shipped_ids"]
