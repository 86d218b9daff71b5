"""The hall's queue service (tickets, calls, counters, statistics): one authority per hall.

Imports only ``core`` models; never Qt or the device layer.
"""
