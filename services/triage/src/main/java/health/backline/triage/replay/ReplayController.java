package health.backline.triage.replay;

import health.backline.starter.web.InvalidRequestException;
import java.io.IOException;
import java.util.Collection;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/** Lets clinical leads ask what a candidate decision table would have decided for a past period. */
@RestController
class ReplayController {

    static final String PATH = "/api/triage/replay";

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping(path = PATH, consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    ReplayResult replay(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestBody(required = false) byte[] table) {
        return replays.replay(from, to, table == null ? new byte[0] : table);
    }

    /** The same with the table as the one file of a form upload, whatever its field is called. */
    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ReplayResult replayUpload(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              MultipartHttpServletRequest upload) throws IOException {
        return replays.replay(from, to, onlyFile(upload.getFileMap().values()));
    }

    static byte[] onlyFile(Collection<MultipartFile> files) throws IOException {
        if (files.size() != 1) {
            throw new InvalidRequestException("table", "send exactly one file, the candidate DMN table, not "
                    + files.size());
        }
        return files.iterator().next().getBytes();
    }
}
