"""The two founding documents, shipped inside the package as demo data.

They are official documents of state organs (not subject to copyright under Art. 5 of the PRC
Copyright Law) and are kept unchanged. The demo and the tests read this copy only, so a clone
with nothing beside it shows the whole demo and passes its tests; where the project's seed
folder happens to sit beside a checkout, tests/foundation/test_frame.py also checks that this
copy matches it.
"""

from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent / "data" / "seeds"
LIAOCHENG_PLAN = SEEDS_DIR / "000_ce6ae8f612e35b9c.txt"
DONGYING_PLAN = SEEDS_DIR / "001_c56c3127088352aa.txt"
