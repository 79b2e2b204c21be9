internal import CLibMnl
import FwdModel
import FwdNftables

/// Checks a ruleset against the kernel's limits before anything is built, so that a bad ruleset
/// fails with the location of the offending object instead of an errno.
enum RulesetChecks {
    /// The longest table, chain or set name (`NFT_NAME_MAXLEN` minus the NUL).
    static let maximumNameLength = Int(NFT_NAME_MAXLEN) - 1
    /// The longest rule comment nft accepts (`NFTNL_UDATA_COMMENT_MAXLEN`).
    static let maximumCommentLength = Int(NFTNL_UDATA_COMMENT_MAXLEN)
    /// The most expressions the kernel takes in one rule (`NFT_RULE_MAXEXPRS` in the kernel).
    static let maximumExpressions = 128

    /// Every problem found in `ruleset` (at most ``BatchBuilder/problemLimit``).
    static func problems(in ruleset: NftRuleset) -> [NftRulesetProblem] {
        var problems: [NftRulesetProblem] = []
        var tableNames: Set<String> = []
        for table in ruleset.tables {
            let tableObject = "table \(table.family.name) \(table.name)"
            checkName(table.name, of: tableObject, at: table.location, into: &problems)
            if !tableNames.insert("\(table.family.name) \(table.name)").inserted {
                problems.append(
                    NftRulesetProblem(location: table.location, object: tableObject, message: "defined twice"))
            }
            var chainNames: Set<String> = []
            for chain in table.chains {
                let chainObject = "chain \(chain.name)"
                checkName(chain.name, of: chainObject, at: chain.location, into: &problems)
                if !chainNames.insert(chain.name).inserted {
                    problems.append(
                        NftRulesetProblem(
                            location: chain.location, object: chainObject, message: "defined twice in \(tableObject)"))
                }
                if let base = chain.base {
                    switch base.policy {
                    case .accept, .drop: break
                    case .continue, .return, .jump, .goto:
                        problems.append(
                            NftRulesetProblem(
                                location: chain.location, object: chainObject,
                                message: "a base chain's policy must be accept or drop"))
                    }
                }
                for rule in chain.rules { check(rule, in: chainObject, into: &problems) }
                if problems.count >= BatchBuilder.problemLimit { return problems }
            }
            for set in table.sets where !set.isAnonymous {
                checkName(set.name, of: BatchBuilder.describe(set, in: table), at: table.location, into: &problems)
            }
        }
        return problems
    }

    private static func check(_ rule: NftRule, in chainObject: String, into problems: inout [NftRulesetProblem]) {
        if rule.expressions.count > maximumExpressions {
            problems.append(
                NftRulesetProblem(
                    location: rule.location, object: chainObject,
                    message: expressionCountProblem(rule.expressions.count)))
        }
        if let comment = rule.comment {
            if comment.utf8.count > maximumCommentLength {
                problems.append(
                    NftRulesetProblem(
                        location: rule.location, object: chainObject,
                        message: "comment is \(comment.utf8.count) bytes (at most \(maximumCommentLength))"))
            } else if comment.utf8.contains(0) {
                problems.append(
                    NftRulesetProblem(
                        location: rule.location, object: chainObject, message: "comment contains a NUL byte"))
            }
        }
    }

    /// What is wrong with a rule of `count` expressions, more than the kernel takes.
    static func expressionCountProblem(_ count: Int) -> String {
        "rule has \(count) expressions (at most \(maximumExpressions))"
    }

    /// What is wrong with `name` as a table, chain or set name; empty when nothing is.
    static func nameProblems(_ name: String) -> [String] {
        var problems: [NftRulesetProblem] = []
        checkName(name, of: "", at: SourceLocation(file: "", line: 0), into: &problems)
        return problems.map(\.message)
    }

    private static func checkName(
        _ name: String, of object: String, at location: SourceLocation, into problems: inout [NftRulesetProblem]
    ) {
        if name.isEmpty {
            problems.append(NftRulesetProblem(location: location, object: object, message: "the name is empty"))
        } else if name.utf8.count > maximumNameLength {
            problems.append(
                NftRulesetProblem(
                    location: location, object: object,
                    message: "the name is \(name.utf8.count) bytes (at most \(maximumNameLength))"))
        } else if name.utf8.contains(0) {
            problems.append(
                NftRulesetProblem(location: location, object: object, message: "the name contains a NUL byte"))
        }
    }
}
