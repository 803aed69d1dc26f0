package io.sessionplane.session.support;

/** The access-group tree of the dev and test profiles (application.properties). */
public final class DemoAccessGroups {
    public static final String ROOT = "6fd4638a-381f-4518-aed6-042aa3d9f14c";
    public static final String FINANCE = "2d0c8f3e-6a55-4c7b-9a54-1f3c0d2a7b11";
    public static final String ENGINEERING = "8b6e7d21-3c4f-4e8a-b2d1-5a9c7e0f4d22";
    /** Child of Engineering: covered by grants on Engineering and Root. */
    public static final String CONTRACTORS = "c1a9e5f7-0b3d-4a6c-8e2f-7d4b1a3c5e33";
    public static final String LOCAL_POD = "pod-eu-west";
    public static final String REMOTE_POD = "pod-us-east";

    private DemoAccessGroups() {
    }
}
