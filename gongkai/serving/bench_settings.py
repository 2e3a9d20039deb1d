"""Settings for the intake benchmark's server (``gongkai bench intake``): the site's settings
with the application form's rate limit raised, so the benchmark's submissions are not refused.
Never used in production."""

from gongkai.settings import *  # noqa: F403

GONGKAI_RATE_LIMITS = {
    **globals().get("GONGKAI_RATE_LIMITS", {}),
    "application": "1000000/h",
}
