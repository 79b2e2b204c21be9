import FwdModel

extension ConfigParser {
    /// Reads the file at `path` as the main file.
    func loadMainFile(_ path: String) {
        switch FileSystem.read(path) {
        case .success(let bytes):
            let canonical = FileSystem.canonicalPath(path) ?? path
            loadedFiles[canonical] = .some(nil)
            includeStack.append(canonical)
            parse(bytes: bytes, name: path, directory: FileSystem.directory(of: path))
            includeStack.removeLast()
        case .failure(let error):
            report(SourceLocation(file: path, line: 0, column: 0), "cannot read the config file: \(error.message)")
        }
    }

    /// `include:` — files and shell patterns, relative to the including file; each pattern's
    /// matches in sorted order. A pattern may match nothing; a plain path must exist.
    func parseInclude(_ value: YAMLEvent, _ file: FileContext) {
        if value.isNull { return }
        guard let entries = readNames(value, key: "include", file) else { return }
        for entry in entries {
            let path = FileSystem.join(file.directory, entry.text)
            let paths = FileSystem.isPattern(entry.text) ? FileSystem.glob(path) : [path]
            for path in paths { include(path, from: entry.location) }
        }
    }

    private func include(_ path: String, from site: SourceLocation) {
        let canonical = FileSystem.canonicalPath(path) ?? path
        if let index = includeStack.firstIndex(of: canonical) {
            let cycle = (includeStack[index...] + [canonical]).map(displayName).joined(separator: " → ")
            return report(site, "include: '\(path)' includes itself: \(cycle)")
        }
        if let earlier = loadedFiles[canonical] {
            let whereFrom = earlier.map { "included at \($0)" } ?? "the main file"
            return report(site, "include: '\(path)' is already loaded (\(whereFrom))")
        }
        switch FileSystem.read(path) {
        case .success(let bytes):
            loadedFiles[canonical] = site
            includeStack.append(canonical)
            parse(bytes: bytes, name: path, directory: FileSystem.directory(of: path))
            includeStack.removeLast()
        case .failure(let error):
            report(site, "include: cannot read '\(path)': \(error.message)")
        }
    }

    /// A canonical path's file name, for cycle messages.
    private func displayName(_ canonical: String) -> String {
        canonical.split(separator: "/").last.map(String.init) ?? canonical
    }
}
