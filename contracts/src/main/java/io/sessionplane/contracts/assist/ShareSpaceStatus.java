package io.sessionplane.contracts.assist;

/** Huawei Workspace collaborative-space states. */
public enum ShareSpaceStatus {
    WAIT_USER_CONFIRM, WAIT_USER_ACCESS, OPEN, CLOSE;

    public boolean live() {
        return this != CLOSE;
    }
}
