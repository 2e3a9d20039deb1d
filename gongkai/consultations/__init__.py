"""征求意见 (see docs/)."""
