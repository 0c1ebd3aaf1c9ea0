// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICommitteeView} from "../interfaces/ICommitteeView.sol";

/// @notice Tests only: a fixed committee (every E3), to exercise verifiers and adapters without the
/// orchestrator's lifecycle.
contract FixedCommitteeView is ICommitteeView {
    mapping(address => bool) private member;
    uint16 private immutable threshold;

    constructor(address[] memory members, uint16 threshold_) {
        for (uint256 i = 0; i < members.length; ++i) {
            member[members[i]] = true;
        }
        threshold = threshold_;
    }

    function memberStatus(uint256, address node) external view returns (uint8) {
        return member[node] ? 1 : 0;
    }

    function thresholdOf(uint256) external view returns (uint16) {
        return threshold;
    }

    function expelMember(uint256, address) external pure {
        revert("FixedCommitteeView: read only");
    }
}
