"""数据开放 (see docs/)."""
