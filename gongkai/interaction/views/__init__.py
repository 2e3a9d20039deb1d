from .public import public_detail, public_list, status, write  # noqa: F401
from .staff import staff_attachment, staff_detail, staff_list  # noqa: F401
from .stats import public_stats, staff_stats  # noqa: F401
