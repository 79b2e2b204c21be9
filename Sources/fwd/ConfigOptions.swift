import ArgumentParser
import FwdBackends
import FwdConfig

/// `--config FILE`: taken by every command that reads the config (show, check, apply, daemon).
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file (YAML).", valueName: "file"))
    var config: String = ConfigLoader.defaultPath

    /// The source loading that file and its includes (for commits, `show` and `check` alike).
    var source: ConfigRulesetSource { ConfigRulesetSource(path: config) }

    /// The same source, for reading only (`show`, `check`).
    var readingSource: ConfigRulesetSource { source }
}
