"""Rectification notices (整改通知书): drafting, Word output and the follow-up register."""
