"""tdkt_desktop: thi đua – khen thưởng for one department office, offline."""

__version__ = "0.1.0"
APP_NAME = "tdkt_desktop"
