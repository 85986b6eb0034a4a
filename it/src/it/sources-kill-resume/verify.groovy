evaluate(new File(itLib, 'nginx.groovy')).running(basedir).stop()
def registry = new Properties()
new File(basedir, 'target/firmware/sources.properties').withInputStream { registry.load(it) }
def tree = new File(registry.getProperty('many.tree'))
int count = 0
tree.eachFileRecurse { if (it.isFile()) count++ }
assert count == 100 * 200 + 1 : "files in the tree: ${count}"
def leftovers = []
[new File(basedir, 'downloads'), new File(basedir, 'cache')].each { d ->
    d.eachFileRecurse { if (it.name.endsWith('.part') || it.name.contains('.tmp-')) leftovers << it }
}
assert leftovers.isEmpty() : leftovers
return true
