import ArgumentParser
import FwdBackends
import FwdConfig

/// `--config FILE`: taken by every command that reads the config (show, check, apply, daemon).
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file (YAML).", valueName: "file"))
    var config: String = ConfigLoader.defaultPath

    /// The source loading that file and its includes, for commits (with the canonical copy).
    var source: ConfigRulesetSource { ConfigRulesetSource(path: config) }

    /// The source for reading only (`show`, `check`): no canonical copy is printed.
    var readingSource: ConfigRulesetSource { ConfigRulesetSource(path: config, printsCanonicalText: false) }
}
