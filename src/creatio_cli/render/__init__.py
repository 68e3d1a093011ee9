"""TEMPORARY: replaced by branch render."""
from __future__ import annotations

import json


def emit(result, fmt, output, lang):
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    return []
