// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "../interfaces/IERC20.sol";

/// @notice ERC-20 transfers that accept tokens returning nothing and reject tokens returning false.
library SafeTransfer {
    error TokenTransferFailed(address token, address from, address to, uint256 amount);

    function pull(IERC20 token, address from, uint256 amount) internal {
        _call(token, abi.encodeCall(IERC20.transferFrom, (from, address(this), amount)), from, address(this), amount);
    }

    function push(IERC20 token, address to, uint256 amount) internal {
        _call(token, abi.encodeCall(IERC20.transfer, (to, amount)), address(this), to, amount);
    }

    function _call(IERC20 token, bytes memory data, address from, address to, uint256 amount) private {
        (bool ok, bytes memory ret) = address(token).call(data);
        if (!ok || (ret.length != 0 && (ret.length != 32 || abi.decode(ret, (uint256)) != 1)) || address(token).code.length == 0) {
            revert TokenTransferFailed(address(token), from, to, amount);
        }
    }
}
