// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice What verifiers and the slashing manager read about an E3's committee.
interface ICommitteeView {
    /// 0: not a member, 1: member in good standing, 2: expelled.
    function memberStatus(uint256 e3Id, address node) external view returns (uint8);
    /// The committee in sortition order: party id i (1-based, as in the DKG) is committeeOf(e3Id)[i - 1].
    function committeeOf(uint256 e3Id) external view returns (address[] memory);
    /// The committee threshold T (T + 1 members decrypt).
    function thresholdOf(uint256 e3Id) external view returns (uint16);
    /// Expels a member (slashing manager only).
    function expelMember(uint256 e3Id, address node) external;
}
