"""SENCO desk: keeps a school's SEN register and graduated-approach evidence, offline."""

__version__ = "0.1.0"
APP_NAME = "SENCO desk"
