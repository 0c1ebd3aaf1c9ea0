// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {E3Base} from "./E3Base.sol";
import {SafeTransfer} from "./lib/SafeTransfer.sol";
import {IERC20} from "./interfaces/IERC20.sol";
import {Stage, FailureReason, Fault, E3} from "./E3Types.sol";

/// @notice Failure by deadline, expulsion, fee split and refunds by fault, pull payments.
///
/// Fee rules (all amounts in the fee token, exact to the wei):
/// - Complete: the treasury gets fee * protocolFeeBps / 10000; the rest is split equally among
///   members in good standing; the division remainder goes to the treasury.
/// - Failed with Fault.None or Fault.Committee: the requester gets the whole fee back.
/// - Failed with Fault.Requester (its compute provider never posted, or posted an output the
///   committee rejected): the committee did its DKG, so pot = fee * dkgShareBps / 10000 is split
///   as on completion and the requester gets fee - pot back.
/// The bps are snapshotted at request so later configuration changes never alter an E3.
abstract contract E3Settlement is E3Base {
    using SafeTransfer for IERC20;

    function faultOf(FailureReason reason) public pure returns (Fault) {
        if (reason == FailureReason.ComputeTimeout || reason == FailureReason.OutputRejected) return Fault.Requester;
        if (
            reason == FailureReason.DkgTimeout || reason == FailureReason.DecryptionTimeout
                || reason == FailureReason.CommitteeBelowThreshold
        ) return Fault.Committee;
        return Fault.None;
    }

    /// Permissionless: fails an E3 whose current stage's deadline has passed.
    function markFailed(uint256 e3Id) external {
        E3 storage e = _get(e3Id);
        Stage s = e.stage;
        uint64 nowTs = uint64(block.timestamp);
        FailureReason reason;
        if (s == Stage.Requested) {
            if (e.seed == bytes32(0) && block.number > uint256(e.schedule.seedBlock) + SEED_HORIZON) {
                reason = FailureReason.SeedUnavailable;
            } else if (nowTs > e.schedule.keyDeadline) {
                // Enough tickets but nobody finalised before the key deadline: the selected
                // nodes (who had every reason to finalise) failed to act.
                reason = _pools_len(e3Id) < e.committeeSize ? FailureReason.InsufficientCommittee : FailureReason.DkgTimeout;
            } else if (nowTs > e.schedule.sortitionDeadline && _pools_len(e3Id) < e.committeeSize) {
                reason = FailureReason.InsufficientCommittee;
            }
        } else if (s == Stage.CommitteeFinalized) {
            if (nowTs > e.schedule.keyDeadline) reason = FailureReason.DkgTimeout;
        } else if (s == Stage.KeyPublished) {
            if (nowTs > e.schedule.computeDeadline) reason = FailureReason.ComputeTimeout;
        } else if (s == Stage.CiphertextReady) {
            if (nowTs > e.schedule.decryptionDeadline) reason = FailureReason.DecryptionTimeout;
        }
        if (reason == FailureReason.None) revert NotFailable(e3Id, s);
        _fail(e3Id, e, reason);
    }

    /// Slashing manager only: removes a member from the E3's committee. If fewer than T + 1
    /// members in good standing remain while the E3 is active, it can no longer decrypt: fail it.
    function expelMember(uint256 e3Id, address node) external {
        if (msg.sender != slasher) revert NotSlasher(msg.sender);
        E3 storage e = _get(e3Id);
        if (_memberStatus[e3Id][node] != 1) revert NotCommitteeMember(e3Id, node);
        _memberStatus[e3Id][node] = 2;
        e.goodMembers -= 1;
        emit MemberExpelled(e3Id, node, e.goodMembers);
        Stage s = e.stage;
        if (s != Stage.Complete && s != Stage.Failed && e.goodMembers < uint256(e.threshold) + 1) {
            _fail(e3Id, e, FailureReason.CommitteeBelowThreshold);
        }
    }

    function withdraw() external {
        uint256 amount = claimable[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        claimable[msg.sender] = 0;
        feeToken.push(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    function _fail(uint256 e3Id, E3 storage e, FailureReason reason) internal {
        Stage at = e.stage;
        e.stage = Stage.Failed;
        // Members were locked at finalisation (E3Sortition); an empty list before that.
        if (at != Stage.Requested) operators.releaseCommittee(_members[e3Id]);
        e.failure = reason;
        Fault fault = faultOf(reason);
        uint256 fee = e.fee;
        uint256 pot = fault == Fault.Requester ? (fee * e.dkgShareBps) / 10_000 : 0;
        uint256 refund = fee - pot;
        _credit(e3Id, e.requester, refund);
        if (pot != 0) _payCommittee(e3Id, e, pot);
        emit E3Failed(e3Id, at, reason, fault, refund, pot);
    }

    /// Splits `pot` among members in good standing; protocol share and remainder to the treasury.
    function _payCommittee(uint256 e3Id, E3 storage e, uint256 pot) internal returns (uint256 protocolPay) {
        protocolPay = (pot * e.protocolFeeBps) / 10_000;
        uint256 rest = pot - protocolPay;
        uint256 good = e.goodMembers;
        if (good == 0) {
            protocolPay = pot;
        } else {
            uint256 each = rest / good;
            protocolPay += rest - each * good;
            address[] storage members = _members[e3Id];
            for (uint256 i = 0; i < members.length; ++i) {
                if (_memberStatus[e3Id][members[i]] == 1) _credit(e3Id, members[i], each);
            }
        }
        _credit(e3Id, treasury, protocolPay);
    }

    function _pools_len(uint256 e3Id) internal view virtual returns (uint256);
}
