"""Actions of the site-health area (every state change goes through one of these)."""

from .runs import record_probe, record_run, run_checks  # noqa: F401
from .workorders import assign, recheck_work_orders  # noqa: F401
