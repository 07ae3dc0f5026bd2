"""Maps the repository's top-level assets/ folder into the package as sencodesk.assets.

pyproject.toml cannot combine package discovery with a package-dir mapping, so this small
shim does it; everything else about the build lives in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["sencodesk", "sencodesk.*"]), "sencodesk.assets"],
    package_dir={"sencodesk.assets": "assets"},
    package_data={"sencodesk.assets": ["*", "**/*"]},
    include_package_data=True,
)
