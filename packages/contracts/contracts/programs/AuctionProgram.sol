// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IProgram} from "../interfaces/IProgram.sol";
import {IInputVerifier, IHonkVerifier} from "../interfaces/IVerifiers.sol";
import {IUserEncryptionPublicInputs} from "./ProgramInputAdapter.sol";
import {IE3View} from "./DataPoolProgram.sol";
import {E3} from "../E3Types.sol";

interface IAuctionBidAdapterView {
    function program() external view returns (AuctionProgram);
}

/// @title Sealed-bid auction program (apps/auction, docs/apps/auction.md)
/// @notice The requester registers the bidders once, before inputs open: bidder i of the list has
/// id i + 1, the id its bid encodes (Y = id·W), so ids are fixed before anyone bids and do not
/// depend on the order bids land in. The E3's input verifier must be an AuctionBidAdapter of this
/// program (checked then), which verifies each bid's proof (noir/auction_bid: three ciphertexts
/// that encrypt the encoding of one level in 1..K by this id, bound to the submitter) with the
/// submitter's registered id as public input. ONE bid per bidder: a second bid is refused (the
/// compute sums every accepted bid, so a second one would count twice); the first stands.
contract AuctionProgram is IProgram {
    error NotOrchestrator(address caller);
    error NotRequester(uint256 e3Id, address caller);
    error NotThisProgram(uint256 e3Id);
    error WrongInputVerifier(uint256 e3Id, address inputVerifier);
    error AlreadyConfigured(uint256 e3Id);
    error InputsAlreadyOpen(uint256 e3Id, uint64 inputStart);
    error InvalidBidderCount(uint256 e3Id, uint256 count, uint32 maxBidders);
    error InvalidBidder(uint256 e3Id, address bidder);

    event AuctionConfigured(uint256 indexed e3Id, uint32 bidders);
    event BidAccepted(uint256 indexed e3Id, address indexed bidder, uint32 id);

    address public immutable orchestrator;
    /// The layout's bidder cap (apps/auction layout.ts, < t): ids must stay below t in Z_t.
    uint32 public immutable maxBidders;
    mapping(uint256 => uint32) public bidderCount;
    /// 1-based position in the registered list; 0: not a bidder of this E3.
    mapping(uint256 => mapping(address => uint32)) public bidderId;
    mapping(uint256 => mapping(address => bool)) public hasBid;

    constructor(address orchestrator_, uint32 maxBidders_) {
        orchestrator = orchestrator_;
        maxBidders = maxBidders_;
    }

    function configure(uint256 e3Id, address[] calldata bidders) external {
        E3 memory e = IE3View(orchestrator).getE3(e3Id);
        if (msg.sender != e.requester) revert NotRequester(e3Id, msg.sender);
        if (address(e.program) != address(this)) revert NotThisProgram(e3Id);
        if (bidderCount[e3Id] != 0) revert AlreadyConfigured(e3Id);
        if (block.timestamp >= e.schedule.inputStart) revert InputsAlreadyOpen(e3Id, e.schedule.inputStart);
        if (bidders.length == 0 || bidders.length > maxBidders) revert InvalidBidderCount(e3Id, bidders.length, maxBidders);
        // Without the bid proof a requester could take unchecked bids: refuse other verifiers.
        try IAuctionBidAdapterView(address(e.inputVerifier)).program() returns (AuctionProgram p) {
            if (address(p) != address(this)) revert WrongInputVerifier(e3Id, address(e.inputVerifier));
        } catch {
            revert WrongInputVerifier(e3Id, address(e.inputVerifier));
        }
        for (uint256 i = 0; i < bidders.length; i++) {
            address b = bidders[i];
            if (b == address(0) || bidderId[e3Id][b] != 0) revert InvalidBidder(e3Id, b);
            bidderId[e3Id][b] = uint32(i + 1);
        }
        bidderCount[e3Id] = uint32(bidders.length);
        emit AuctionConfigured(e3Id, uint32(bidders.length));
    }

    /// The proof was checked by the input verifier (this program's adapter, checked at configure
    /// time) against the submitter's id; here only the one-bid rule.
    function validateInput(uint256 e3Id, address sender, bytes calldata) external returns (bool) {
        if (msg.sender != orchestrator) revert NotOrchestrator(msg.sender);
        uint32 id = bidderId[e3Id][sender];
        if (id == 0 || hasBid[e3Id][sender]) return false;
        hasBid[e3Id][sender] = true;
        emit BidAccepted(e3Id, sender, id);
        return true;
    }
}

/// @title Input verifier of the auction's bids (docs/ZK.md "Program validity proofs", auction bid)
/// @notice ProgramInputAdapter's scheme for a circuit over THREE ciphertexts: public inputs are
/// user encryption's six for X, for W, for Y (each rebuilt here from its ciphertext in calldata by
/// the parameter set's UserEncryptionInputVerifier, with one key commitment and one context =
/// inputContext(chainId, orchestrator, e3Id, submitter)), then the submitter's registered id.
/// `data` = abi.encode(bytes ctX, bytes ctW, bytes ctY, bytes proof, uint256[3] alpha,
/// uint256[3] gamma, address submitter); the declared submitter must be the account calling
/// publishInput. A bid copied to another account fails the context and the id.
contract AuctionBidAdapter is IInputVerifier {
    enum InputStatus {
        Accepted,
        NotConfigured, // the requester has not registered the bidders of this E3
        SubmitterMismatch, // the declared submitter is not the account submitting (a copied bid)
        MalformedInput, // not the ABI layout, or a ciphertext is not canonical
        ProofRejected, // the proof does not hold for these ciphertexts, key, context and id
        NotRegistered, // the submitter is not a registered bidder of this E3
        AlreadyBid // the submitter's bid was already accepted (one bid per bidder)
    }

    struct Bid {
        bytes x;
        bytes w;
        bytes y;
        bytes proof;
        uint256[3] alpha;
        uint256[3] gamma;
        address submitter;
    }

    address public immutable orchestrator;
    IUserEncryptionPublicInputs public immutable encryption;
    IHonkVerifier public immutable verifier;
    AuctionProgram public immutable program;

    constructor(address orchestrator_, IUserEncryptionPublicInputs encryption_, IHonkVerifier verifier_, AuctionProgram program_) {
        orchestrator = orchestrator_;
        encryption = encryption_;
        verifier = verifier_;
        program = program_;
    }

    function verifyInput(uint256 e3Id, bytes32 pkCommitment, address submitter, bytes calldata data)
        external
        view
        returns (bool)
    {
        return inputStatus(e3Id, pkCommitment, submitter, data) == InputStatus.Accepted;
    }

    /// @dev Self-call target so a malformed `data` is a status, not a revert.
    function decodeBid(bytes calldata data) external pure returns (Bid memory b) {
        (b.x, b.w, b.y, b.proof, b.alpha, b.gamma, b.submitter) =
            abi.decode(data, (bytes, bytes, bytes, bytes, uint256[3], uint256[3], address));
    }

    /// @notice Why a bid would be refused (Accepted if it would not).
    function inputStatus(uint256 e3Id, bytes32 pkCommitment, address submitter, bytes calldata data)
        public
        view
        returns (InputStatus)
    {
        if (program.bidderCount(e3Id) == 0) return InputStatus.NotConfigured;
        Bid memory b;
        try this.decodeBid(data) returns (Bid memory decoded) {
            b = decoded;
        } catch {
            return InputStatus.MalformedInput;
        }
        if (b.submitter != submitter) return InputStatus.SubmitterMismatch;
        uint32 id = program.bidderId(e3Id, submitter);
        if (id == 0) return InputStatus.NotRegistered;
        if (program.hasBid(e3Id, submitter)) return InputStatus.AlreadyBid;
        (bool ok, bytes32[] memory pis) = _publicInputs(e3Id, pkCommitment, b, id);
        if (!ok) return InputStatus.MalformedInput;
        try verifier.verify(b.proof, pis) returns (bool valid) {
            return valid ? InputStatus.Accepted : InputStatus.ProofRejected;
        } catch {
            return InputStatus.ProofRejected;
        }
    }

    function _publicInputs(uint256 e3Id, bytes32 pkCommitment, Bid memory b, uint32 id)
        internal
        view
        returns (bool ok, bytes32[] memory all)
    {
        uint256 context = encryption.inputContext(block.chainid, orchestrator, e3Id, b.submitter);
        all = new bytes32[](19);
        for (uint256 v = 0; v < 3; v++) {
            bytes memory ct = v == 0 ? b.x : v == 1 ? b.w : b.y;
            try encryption.publicInputs(pkCommitment, ct, b.alpha[v], b.gamma[v], context) returns (bytes32[] memory pis) {
                if (pis.length != 6) return (false, all);
                for (uint256 i = 0; i < 6; i++) {
                    all[6 * v + i] = pis[i];
                }
            } catch {
                return (false, all);
            }
        }
        all[18] = bytes32(uint256(id));
        return (true, all);
    }
}
