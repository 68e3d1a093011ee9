"""TEMPORARY"""
def resolve_format(fmt, output):
    return fmt
