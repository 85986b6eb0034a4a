// A board with nothing configured still has a main artifact (its hash manifest), so install works.
def repo = new File(localRepositoryPath, 'org/example/it/empty-board-install/1.0')
def main = new File(repo, 'empty-board-install-1.0.txt')
assert main.isFile() : "main artifact not installed: ${repo.list()}"
assert main.text.startsWith('# sha256 of every artifact this board publishes')
assert new File(repo, 'empty-board-install-1.0.pom').isFile()
def steps = new File(basedir, 'target/firmware/hashes.txt')
assert steps.isFile()
return true
