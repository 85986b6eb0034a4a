def log = new File(basedir, 'build.log').text
assert log.contains("Source 'binutils' is not prepared")
assert log.contains("Declare it in the plugin's <sources> and run the fetch-sources goal")
assert !new File(basedir, 'target/firmware/toolchains.properties').exists()
return true
