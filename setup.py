"""What pyproject.toml cannot say: ship `resources/` inside the wheel.

The presets, sample data sets, icons and translations live in `resources/` at the top of
the repository (beside the package, not in it). A wheel only carries packages, so this maps
that folder to the data package `fnnsim._resources`; fnnsim/resources.py looks there first.
Everything else about the project is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["fnnsim", "fnnsim.*"]), "fnnsim._resources"],
    package_dir={"fnnsim._resources": "resources"},
    package_data={"fnnsim._resources": ["**/*"]},
)
