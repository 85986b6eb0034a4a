def log = new File(basedir, 'build.log').text
assert log.contains("Toolchain 'coreboot': the C compiler i586-linux-gnu-gcc is not on PATH") : 'missing prefix not named'
assert !log.contains('build-coreboot (default-build-coreboot)') : 'build-coreboot ran despite the missing compiler'
return true
