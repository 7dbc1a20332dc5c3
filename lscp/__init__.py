"""LSCP Insight: the Local Safeguarding Children Partnership's own system."""

__version__ = "0.1.0"
