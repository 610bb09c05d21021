"""Grandstream CTI integration for Home Assistant."""
