import FwdConfig
import FwdModel
import Testing

@Suite("Includes")
struct IncludeTests {
    @Test func globsMergeInSortedOrderAndChainsAppend() throws {
        let (directory, remove) = try temporaryDirectory()
        defer { remove() }
        try write("""
            tables:
              filter:
                INPUT:
                  policy: DROP
                  rules: [{comment: main-before, jump: ACCEPT}]
            include: [rules.d/*.yaml, extra/last.yaml]
            """, to: "fwd.yaml", in: directory)
        try write("tables: {filter: {INPUT: {rules: [{comment: b, jump: ACCEPT}]}}}\n", to: "rules.d/20-b.yaml", in: directory)
        try write("""
            define: {net: 10.0.0.0/8}
            tables: {filter: {INPUT: {policy: DROP, rules: [{comment: a, source: $net, jump: ACCEPT}]}}}
            """, to: "rules.d/10-a.yaml", in: directory)
        try write("tables: {filter: {INPUT: {rules: [{comment: last, jump: ACCEPT}]}}}\n", to: "extra/last.yaml", in: directory)
        try write("not: included\n", to: "rules.d/notes.txt", in: directory)
        let config = try ConfigLoader().load(path: directory + "/fwd.yaml")
        let comments = config.ruleset[.filter]?["INPUT"]?.rules.map(\.comment)
        #expect(comments == ["main-before", "a", "b", "last"])
        #expect(config.files == [
            directory + "/fwd.yaml", directory + "/rules.d/10-a.yaml", directory + "/rules.d/20-b.yaml",
            directory + "/extra/last.yaml",
        ])
        let rule = try #require(config.ruleset[.filter]?["INPUT"]?.rules[1])
        #expect(rule.location == SourceLocation(file: directory + "/rules.d/10-a.yaml", line: 2, column: 49))
    }

    @Test func conflictsAcrossFilesNameBothPlaces() throws {
        let (directory, remove) = try temporaryDirectory()
        defer { remove() }
        try write("""
            include: other.yaml
            define: {net: 10.0.0.0/8}
            templates: {t: {proto: tcp}}
            tables: {filter: {INPUT: {policy: DROP}}}
            """, to: "fwd.yaml", in: directory)
        try write("""
            define: {net: 10.1.0.0/16}
            templates: {t: {proto: udp}}
            tables: {filter: {INPUT: {policy: ACCEPT}}}
            """, to: "other.yaml", in: directory)
        let main = directory + "/fwd.yaml", other = directory + "/other.yaml"
        #expect(throws: ConfigError.self) { try ConfigLoader().load(path: main) }
        do {
            _ = try ConfigLoader().load(path: main)
        } catch {
            #expect(error.description.split(separator: "\n").map(String.init) == [
                "\(main):2:10: define: 'net' is already defined at \(other):1:10",
                "\(main):3:13: templates: 't' is already defined at \(other):2:13",
                "\(main):4:35: policy: DROP contradicts policy ACCEPT set at \(other):3:35 for filter/INPUT",
            ])
        }
    }

    @Test func cyclesMissingFilesAndDoubleLoads() throws {
        let (directory, remove) = try temporaryDirectory()
        defer { remove() }
        try write("include: [a.yaml, missing.yaml, b.yaml, nothing/*.yaml]\n", to: "fwd.yaml", in: directory)
        try write("include: b.yaml\n", to: "a.yaml", in: directory)
        try write("include: [fwd.yaml]\n", to: "b.yaml", in: directory)
        do {
            _ = try ConfigLoader().load(path: directory + "/fwd.yaml")
            Issue.record("expected errors")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines == [
                "\(directory)/b.yaml:1:11: include: '\(directory)/fwd.yaml' includes itself: fwd.yaml → a.yaml → b.yaml → fwd.yaml",
                "\(directory)/fwd.yaml:1:19: include: cannot read '\(directory)/missing.yaml': No such file or directory",
                "\(directory)/fwd.yaml:1:33: include: '\(directory)/b.yaml' is already loaded (included at \(directory)/a.yaml:1:10)",
            ])
        }
    }

    @Test func devicesAndDirectoriesAreRefused() throws {
        let found = problems("include: [/dev/zero, /tmp]\n")
        #expect(found == [
            "test.yaml:1:11: include: cannot read '/dev/zero': not a regular file",
            "test.yaml:1:22: include: cannot read '/tmp': Is a directory",
        ])
    }

    @Test func missingMainFile() {
        do {
            _ = try ConfigLoader().load(path: "/nonexistent/fwd.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/nonexistent/fwd.yaml:0:0: cannot read the config file: No such file or directory")
        }
    }
}
