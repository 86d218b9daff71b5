"""A strict simulator of the central platform (一体化政务服务平台) contract in docs/central-api.yaml.

Imports only ``core`` models; never Qt or the device layer.
"""
