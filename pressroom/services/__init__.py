"""Writes of the press room (a package: releases, briefings, registrations)."""
