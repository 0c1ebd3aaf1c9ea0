// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICommitteeView} from "../interfaces/ICommitteeView.sol";

/// @notice Tests only: a fixed committee (every E3), to exercise verifiers and adapters without the
/// orchestrator's lifecycle.
contract FixedCommitteeView is ICommitteeView {
    mapping(address => bool) private member;
    address[] private members;
    uint16 private immutable threshold;

    constructor(address[] memory members_, uint16 threshold_) {
        for (uint256 i = 0; i < members_.length; ++i) {
            member[members_[i]] = true;
        }
        members = members_;
        threshold = threshold_;
    }

    function committeeOf(uint256) external view returns (address[] memory) {
        return members;
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
