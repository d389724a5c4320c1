package health.backline.starter.security;

/** A password a deployment sets: the setting that holds it and the user it belongs to, for the error message. */
record DeploymentPassword(String setting, String user, String password) {

    @Override
    public String toString() {
        return "DeploymentPassword[" + setting + "]";
    }
}
