def log = new File(basedir, 'build.log').text
// check-host (validate)
assert log.contains('command riscv64-linux-gnu-gcc (Debian package gcc-riscv64-linux-gnu)')
// build-toolchain (process-sources)
assert log.contains("Toolchain 'riscv': the C compiler riscv64-linux-gnu-gcc is not on PATH")
assert log.contains('sudo apt-get install -y gcc-riscv64-linux-gnu')
assert !new File(basedir, 'target/firmware/toolchains.properties').exists()
return true
