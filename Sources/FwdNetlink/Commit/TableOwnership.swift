internal import CLibMnl

/// How fwd marks the tables it owns: a table comment (`NFTNL_UDATA_TABLE_COMMENT`, the userdata
/// TLV nft itself writes for `comment "…"`), so `nft list ruleset` shows
/// `comment "managed by fwd"` and fwd can tell its tables from everyone else's.
enum TableOwnership {
    /// The comment fwd writes into its tables and looks for.
    static let marker = "managed by fwd"

    /// The userdata for a new fwd table.
    static func markerUserData() throws(NftSystemError) -> NftnlUserData {
        var userData = try NftnlUserData()
        _ = userData.put(NFTNL_UDATA_TABLE_COMMENT.rawValue, string: marker)
        return userData
    }

    /// Whether `table`'s userdata carries the marker.
    static func isOwned(_ table: borrowing NftnlTable) -> Bool {
        table.withUserData { bytes in
            NftnlUserDataReader.string(ofType: UInt8(NFTNL_UDATA_TABLE_COMMENT.rawValue), in: bytes) == marker
        }
    }
}
