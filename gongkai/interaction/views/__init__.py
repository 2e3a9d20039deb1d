from .public import public_detail, public_list, status, write  # noqa: F401
from .staff import staff_detail  # noqa: F401
