from tests.annualreport.conftest import cz, make_app, person  # noqa: F401  (shared fixtures)
