def log = new File(basedir, 'build.log').text
assert log.contains("The toolchain source 'binutils' has not been prepared: declare a <source> named 'binutils' and run fetch-sources")
assert !new File(basedir, 'target/firmware/toolchains.properties').exists()
return true
